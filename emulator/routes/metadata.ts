import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { changeKeyValue, getKeyValue, removeKeyValue, setKeyValue } from '../model/metadata.ts';
import type { KeyValue } from '../model/state.ts';
import { iso8601Local } from '../model/time.ts';
import { getVolume } from '../model/volume.ts';
import { arrayState, readBody, reply, run, type Ctx, type Handler } from './context.ts';
import { urlName } from './cpg.ts';

function render(kv: KeyValue, tz: string) {
  const sec = Math.floor(kv.createdMs / 1000);
  return { key: kv.key, value: kv.value, creationTimeSec: sec, creationTime8601: iso8601Local(sec, tz) };
}

function keyParam(c: Ctx): string {
  return c.req.param('key') ?? '';
}

export const metadataHandlers: Record<string, Handler> = {
  getAllVolumeMetaData(c, s) {
    const array = arrayState(s);
    const v = getVolume(array, urlName(c));
    const members = Object.values(v.metadata).map((kv) => render(kv, array.profile.timeZone));
    return reply(c, 200, { total: members.length, members });
  },

  getVolumeMetaData(c, s) {
    const array = arrayState(s);
    return reply(c, 200, render(getKeyValue(array, urlName(c), keyParam(c)), array.profile.timeZone));
  },

  async setVolumeMetaData(c, s) {
    const volume = urlName(c);
    const body = await readBody<{ key: string; value: string }>(c, s, REQUEST_BODIES.setVolumeMetaData);
    run(c, s, setKeyValue({ volume, key: body.key, value: body.value }));
    return reply(c, 201, undefined, { Location: `/api/v1/volumes/${volume}/objectKeyValues/${body.key}` });
  },

  async modifyVolumeMetaData(c, s) {
    const volume = urlName(c);
    const key = keyParam(c);
    const body = await readBody<{ value: string }>(c, s, REQUEST_BODIES.modifyVolumeMetaData);
    run(c, s, changeKeyValue({ volume, key, value: body.value }));
    return reply(c, 200);
  },

  removeVolumeMetaData(c, s) {
    run(c, s, removeKeyValue({ volume: urlName(c), key: keyParam(c) }));
    return reply(c, 200);
  },
};
