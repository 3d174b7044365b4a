import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { login, logout } from '../model/session.ts';
import { SYSTEM_ACTOR } from '../model/fabric.ts';
import { clientAddress, readBody, reply, run, type Handler } from './context.ts';

export const sessionHandlers: Record<string, Handler> = {
  async login(c, s) {
    const body = await readBody<{ user: string; password: string }>(c, s, REQUEST_BODIES.login);
    c.set('actor', SYSTEM_ACTOR);
    const { key } = run(c, s, login({ user: body.user, password: body.password, clientAddress: clientAddress(c) }));
    return reply(c, 201, { key }, { Location: `/api/v1/credentials/${key}` });
  },

  logout(c, s) {
    run(c, s, logout({ key: c.req.param('key')!, clientAddress: clientAddress(c) }));
    return reply(c, 200);
  },
};
