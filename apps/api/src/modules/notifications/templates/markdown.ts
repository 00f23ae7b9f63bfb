import MarkdownIt from 'markdown-it';

/**
 * Organizers write messages in Markdown. Raw HTML is off (it shows as text), and markdown-it's own
 * link check refuses javascript:, vbscript:, file: and data: links, so what it renders is safe to
 * put in an email as is. Links open in a new tab.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet('target', '_blank');
  tokens[index]?.attrSet('rel', 'noopener');
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
