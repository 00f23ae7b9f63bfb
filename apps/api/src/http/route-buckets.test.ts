import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { RouteBuckets } from './route-buckets';

const answer =
  (name: string): RequestHandler =>
  (req, res) => {
    res.json({ name, params: req.params });
  };

function appWith(buckets: RouteBuckets) {
  const app = express();
  app.use(buckets.handle);
  app.use((_req, res) => {
    res.status(404).json({ name: 'not found' });
  });
  return app;
}

describe('routes in buckets', () => {
  it('matches as one Express router would: case, trailing slash, params, HEAD, and a miss falls through', async () => {
    const buckets = new RouteBuckets();
    buckets.add('get', '/api/orders', [answer('list')]);
    buckets.add('get', '/api/orders/:orderId', [answer('one')]);
    buckets.add('post', '/api/orders/:orderId/pay', [answer('pay')]);
    buckets.add('get', '/healthz', [answer('health')]);
    const app = appWith(buckets);

    expect((await request(app).get('/API/Orders/')).body).toEqual({ name: 'list', params: {} });
    expect((await request(app).get('/api/orders/o%201')).body).toEqual({
      name: 'one',
      params: { orderId: 'o 1' },
    });
    expect((await request(app).post('/api/orders/o1/pay')).body.name).toBe('pay');
    expect((await request(app).get('/healthz/')).body.name).toBe('health');
    expect((await request(app).head('/healthz')).status).toBe(200);
    expect((await request(app).get('/api/events')).body.name).toBe('not found');
    expect((await request(app).get('/')).body.name).toBe('not found');
    expect((await request(app).delete('/api/orders/o1')).body.name).toBe('not found');
    const options = await request(app).options('/api/orders/o1');
    expect(options.headers.allow).toBe('GET, HEAD');
  });

  it('keeps registration order where a param among the first two segments makes routes overlap', async () => {
    const buckets = new RouteBuckets();
    buckets.add('get', '/things/:thingId', [answer('any thing')]);
    buckets.add('get', '/things/special', [answer('special')]);
    buckets.add('get', '/other/special', [answer('other')]);
    const app = appWith(buckets);
    // Registered first, the param route wins, exactly as in one router.
    expect((await request(app).get('/things/special')).body.name).toBe('any thing');
    expect((await request(app).get('/other/special')).body.name).toBe('other');
  });

  it('puts every route in one bucket when one starts with a param', async () => {
    const buckets = new RouteBuckets();
    buckets.add('get', '/:anything/x', [answer('first')]);
    buckets.add('get', '/api/x', [answer('second')]);
    const app = appWith(buckets);
    expect((await request(app).get('/api/x')).body.name).toBe('first');
  });

  it('refuses a route added after the first request', async () => {
    const buckets = new RouteBuckets();
    buckets.add('get', '/a', [answer('a')]);
    await request(appWith(buckets)).get('/a');
    expect(() => buckets.add('get', '/b', [answer('b')])).toThrow(/before the first request/);
  });
});
