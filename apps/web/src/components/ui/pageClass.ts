import classes from './Page.module.css';

/** Put on a buyer page's outer container: secondary text with AA contrast (see Page.module.css). */
export const PAGE_CLASS = classes.page;
