import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, WsapiClient, type Target } from '../harness.ts';

let target: Target;
beforeAll(async () => {
  target = await openTarget();
});
afterAll(() => target.close());

describe('contract: sessions', () => {
  it('GET /api answers the version without a key', async () => {
    const c = new WsapiClient(target);
    const r = await c.raw('GET', `${c.root}/api`);
    expect(r.status).toBe(200);
    for (const k of ['major', 'minor', 'revision', 'build']) expect(Number.isInteger(r.body[k])).toBe(true);
  });

  it('login: 201, {"key"}, Location /api/v1/credentials/<key>; logout: 200 and the key is dead', async () => {
    const c = new WsapiClient(target);
    const r = await c.call('POST', '/credentials', { user: target.user, password: target.password });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(['key']);
    expect(r.headers.get('location')).toBe(`/api/v1/credentials/${r.body.key}`);
    c.key = r.body.key;
    expect((await c.call('GET', '/system')).status).toBe(200);
    expect((await c.call('DELETE', `/credentials/${c.key}`)).status).toBe(200);
    const dead = await c.call('GET', '/system');
    expect(dead.status).toBe(403);
    expect(dead.body.code).toBe(6);
  });

  it('wrong password: 403 code 5', async () => {
    const r = await new WsapiClient(target).call('POST', '/credentials', { user: target.user, password: 'definitely-wrong' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe(5);
  });

  it('no key, or a made-up key: 403 {"code":6,"desc":"invalid session key"}', async () => {
    const c = new WsapiClient(target);
    const none = await c.call('GET', '/cpgs');
    expect(none.status).toBe(403);
    expect(none.body).toEqual({ code: 6, desc: 'invalid session key' });
    c.key = '0-00000000000000000000000000000000-00000000';
    expect((await c.call('GET', '/cpgs')).body.code).toBe(6);
  });

  it('a browse-role user reads but gets 403 code 13 on writes', async (ctx) => {
    if (!target.browse) ctx.skip();
    const c = new WsapiClient(target);
    await c.login(target.browse!.user, target.browse!.password);
    expect((await c.call('GET', '/cpgs')).status).toBe(200);
    const r = await c.call('POST', '/cpgs', { name: 'ctr-never-created' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe(13);
    await c.logout();
  });
});
