// The WSAPI surface as data: every documented call, named after the client operation that issues it
// (python-3parclient's method name where it has one). Routes register from this list; calls the emulator does
// not serve yet answer as the array does for an operation a resource lacks (UNSUP_OP), so a client can tell.
// Sources: shared/reference/wsapi/endpoints.md §1 (rows cited as E<n>).

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Endpoint {
  readonly operation: string;
  readonly method: HttpMethod;
  /** Hono path pattern, relative to the host root */
  readonly path: string;
  /** answered without a session key */
  readonly open?: boolean;
  readonly successStatus: 200 | 201;
  readonly source: string;
}

export const ENDPOINTS: readonly Endpoint[] = [
  { operation: 'getWsApiVersion', method: 'GET', path: '/api', open: true, successStatus: 200, source: 'E1; G131 p128' },
  { operation: 'login', method: 'POST', path: '/api/v1/credentials', open: true, successStatus: 201, source: 'E2; G131 p39' },
  { operation: 'logout', method: 'DELETE', path: '/api/v1/credentials/:key', successStatus: 200, source: 'E3; G131 p41' },
  { operation: 'getStorageSystemInfo', method: 'GET', path: '/api/v1/system', successStatus: 200, source: 'E4; G131 p127' },
  { operation: 'modifySystem', method: 'PUT', path: '/api/v1/system', successStatus: 200, source: 'E5; PS Update-System' },
  { operation: 'getWSAPIConfigurationInfo', method: 'GET', path: '/api/v1/wsapiconfiguration', successStatus: 200, source: 'E6; G131 p129' },
  { operation: 'getOverallSystemCapacity', method: 'GET', path: '/api/v1/capacity', successStatus: 200, source: 'E7; PYC' },
  { operation: 'createFlashCache', method: 'POST', path: '/api/v1', successStatus: 201, source: 'E8; PYC createFlashCache' },
  { operation: 'getFlashCache', method: 'GET', path: '/api/v1/flashcache', successStatus: 200, source: 'E9; PYC' },
  { operation: 'deleteFlashCache', method: 'DELETE', path: '/api/v1/flashcache', successStatus: 200, source: 'E10; PYC' },
  { operation: 'getCPGs', method: 'GET', path: '/api/v1/cpgs', successStatus: 200, source: 'E11; G131 p49' },
  { operation: 'getCPG', method: 'GET', path: '/api/v1/cpgs/:name', successStatus: 200, source: 'E12; G131 p49' },
  { operation: 'createCPG', method: 'POST', path: '/api/v1/cpgs', successStatus: 201, source: 'E13; G131 p46' },
  { operation: 'modifyCPG', method: 'PUT', path: '/api/v1/cpgs/:name', successStatus: 200, source: 'E14; G131 p47-48' },
  { operation: 'deleteCPG', method: 'DELETE', path: '/api/v1/cpgs/:name', successStatus: 200, source: 'E15; G131 p48' },
  { operation: 'getCPGAvailableSpace', method: 'POST', path: '/api/v1/spacereporter', successStatus: 200, source: 'E16; G131 p138; PYC' },
  { operation: 'getVolumes', method: 'GET', path: '/api/v1/volumes', successStatus: 200, source: 'E17; G131 p68-71' },
  { operation: 'getVolume', method: 'GET', path: '/api/v1/volumes/:name', successStatus: 200, source: 'E18; G131 p70' },
  { operation: 'createVolume', method: 'POST', path: '/api/v1/volumes', successStatus: 201, source: 'E19; G131 p56' },
  { operation: 'modifyVolume', method: 'PUT', path: '/api/v1/volumes/:name', successStatus: 200, source: 'E22-E28; G131 p59-64' },
  { operation: 'deleteVolume', method: 'DELETE', path: '/api/v1/volumes/:name', successStatus: 200, source: 'E30; G12 p48' },
  { operation: 'volumeAction', method: 'POST', path: '/api/v1/volumes/:name', successStatus: 201, source: 'E31-E32; G131 p114' },
  { operation: 'getAllVolumeMetaData', method: 'GET', path: '/api/v1/volumes/:name/objectKeyValues', successStatus: 200, source: 'E34; PYC' },
  { operation: 'setVolumeMetaData', method: 'POST', path: '/api/v1/volumes/:name/objectKeyValues', successStatus: 201, source: 'E33; PYC' },
  { operation: 'getVolumeMetaData', method: 'GET', path: '/api/v1/volumes/:name/objectKeyValues/:key', successStatus: 200, source: 'E35; PYC' },
  { operation: 'modifyVolumeMetaData', method: 'PUT', path: '/api/v1/volumes/:name/objectKeyValues/:key', successStatus: 200, source: 'E36; PYC' },
  { operation: 'removeVolumeMetaData', method: 'DELETE', path: '/api/v1/volumes/:name/objectKeyValues/:key', successStatus: 200, source: 'E37; PYC' },
  { operation: 'getVolumeSets', method: 'GET', path: '/api/v1/volumesets', successStatus: 200, source: 'E39; G131 p89' },
  { operation: 'getVolumeSet', method: 'GET', path: '/api/v1/volumesets/:name', successStatus: 200, source: 'E40; G131 p89' },
  { operation: 'createVolumeSet', method: 'POST', path: '/api/v1/volumesets', successStatus: 201, source: 'E41; G131 p86' },
  { operation: 'modifyVolumeSet', method: 'PUT', path: '/api/v1/volumesets/:name', successStatus: 200, source: 'E42; G131 p88' },
  { operation: 'deleteVolumeSet', method: 'DELETE', path: '/api/v1/volumesets/:name', successStatus: 200, source: 'E43; G131 p89' },
  { operation: 'volumeSetAction', method: 'POST', path: '/api/v1/volumesets/:name', successStatus: 201, source: 'E44-E45; G131 p119-122' },
  { operation: 'getHosts', method: 'GET', path: '/api/v1/hosts', successStatus: 200, source: 'E46; G131 p81-84' },
  { operation: 'getHost', method: 'GET', path: '/api/v1/hosts/:name', successStatus: 200, source: 'E47; G131 p81' },
  { operation: 'createHost', method: 'POST', path: '/api/v1/hosts', successStatus: 201, source: 'E48; G131 p73' },
  { operation: 'modifyHost', method: 'PUT', path: '/api/v1/hosts/:name', successStatus: 200, source: 'E49; G131 p76-79' },
  { operation: 'hostWwnAction', method: 'POST', path: '/api/v1/hosts/:name', successStatus: 200, source: 'E50; PS' },
  { operation: 'deleteHost', method: 'DELETE', path: '/api/v1/hosts/:name', successStatus: 200, source: 'E51; G131 p79' },
  { operation: 'getHostPersonas', method: 'GET', path: '/api/v1/hostpersonas', successStatus: 200, source: 'E52; PS' },
  { operation: 'getHostSets', method: 'GET', path: '/api/v1/hostsets', successStatus: 200, source: 'E53; G131 p89' },
  { operation: 'getHostSet', method: 'GET', path: '/api/v1/hostsets/:name', successStatus: 200, source: 'E54; G131 p89' },
  { operation: 'createHostSet', method: 'POST', path: '/api/v1/hostsets', successStatus: 201, source: 'E55; G131 p86' },
  { operation: 'modifyHostSet', method: 'PUT', path: '/api/v1/hostsets/:name', successStatus: 200, source: 'E56; G131 p88' },
  { operation: 'deleteHostSet', method: 'DELETE', path: '/api/v1/hostsets/:name', successStatus: 200, source: 'E57; G131 p89' },
  { operation: 'getVLUNs', method: 'GET', path: '/api/v1/vluns', successStatus: 200, source: 'E58; G131 p109' },
  { operation: 'getVLUN', method: 'GET', path: '/api/v1/vluns/:id', successStatus: 200, source: 'E59; G131 p109-110' },
  { operation: 'createVLUN', method: 'POST', path: '/api/v1/vluns', successStatus: 201, source: 'E60; G131 p102' },
  { operation: 'deleteVLUN', method: 'DELETE', path: '/api/v1/vluns/:id', successStatus: 200, source: 'E61; G131 p105' },
  { operation: 'getPorts', method: 'GET', path: '/api/v1/ports', successStatus: 200, source: 'E62; G131 p91' },
  { operation: 'getPort', method: 'GET', path: '/api/v1/ports/:nsp', successStatus: 200, source: 'E63; G131 p94' },
  { operation: 'getiSCSIVlans', method: 'GET', path: '/api/v1/ports/:nsp/iSCSIVlans', successStatus: 200, source: 'E66; PYC' },
  { operation: 'queryQoSRules', method: 'GET', path: '/api/v1/qos', successStatus: 200, source: 'E72; G131 p146' },
  { operation: 'queryQoSRule', method: 'GET', path: '/api/v1/qos/:target', successStatus: 200, source: 'E73; G131 p147' },
  { operation: 'createQoSRules', method: 'POST', path: '/api/v1/qos', successStatus: 201, source: 'E74; G131 p142' },
  { operation: 'modifyQoSRules', method: 'PUT', path: '/api/v1/qos/:target', successStatus: 200, source: 'E75; G131 p144' },
  { operation: 'deleteQoSRules', method: 'DELETE', path: '/api/v1/qos/:target', successStatus: 200, source: 'E76; G131 p145' },
  { operation: 'getAllTasks', method: 'GET', path: '/api/v1/tasks', successStatus: 200, source: 'E77; G131 p130' },
  { operation: 'getTask', method: 'GET', path: '/api/v1/tasks/:id', successStatus: 200, source: 'E78; G131 p131' },
  { operation: 'cancelTask', method: 'PUT', path: '/api/v1/tasks/:id', successStatus: 200, source: 'E79; G131 p133-134' },
  { operation: 'getRemoteCopyInfo', method: 'GET', path: '/api/v1/remotecopy', successStatus: 200, source: 'E80; PYC' },
  { operation: 'getRemoteCopyGroups', method: 'GET', path: '/api/v1/remotecopygroups', successStatus: 200, source: 'E81; PYC' },
  { operation: 'getRemoteCopyGroup', method: 'GET', path: '/api/v1/remotecopygroups/:name', successStatus: 200, source: 'E82; PYC' },
  { operation: 'createRemoteCopyGroup', method: 'POST', path: '/api/v1/remotecopygroups', successStatus: 201, source: 'E83; PYC' },
  { operation: 'modifyRemoteCopyGroup', method: 'PUT', path: '/api/v1/remotecopygroups/:name', successStatus: 200, source: 'E84-E85; PYC' },
  { operation: 'recoverRemoteCopyGroupFromDisaster', method: 'POST', path: '/api/v1/remotecopygroups/:name', successStatus: 200, source: 'E86; PYC' },
  { operation: 'removeRemoteCopyGroup', method: 'DELETE', path: '/api/v1/remotecopygroups/:name', successStatus: 200, source: 'E87; PYC' },
  { operation: 'getRemoteCopyGroupVolumes', method: 'GET', path: '/api/v1/remotecopygroups/:name/volumes', successStatus: 200, source: 'E88; PYC' },
  { operation: 'addVolumeToRemoteCopyGroup', method: 'POST', path: '/api/v1/remotecopygroups/:name/volumes', successStatus: 200, source: 'E89; PYC' },
  { operation: 'getRemoteCopyGroupVolume', method: 'GET', path: '/api/v1/remotecopygroups/:name/volumes/:volume', successStatus: 200, source: 'E88; PYC' },
  { operation: 'removeVolumeFromRemoteCopyGroup', method: 'DELETE', path: '/api/v1/remotecopygroups/:name/volumes/:volume', successStatus: 200, source: 'E90; PYC' },
  { operation: 'getRemoteCopyTargets', method: 'GET', path: '/api/v1/remotecopytargets', successStatus: 200, source: 'E93; PS' },
  { operation: 'getRemoteCopyTarget', method: 'GET', path: '/api/v1/remotecopytargets/:name', successStatus: 200, source: 'E93; PS' },
  { operation: 'toggleRemoteCopyConfigMirror', method: 'PUT', path: '/api/v1/remotecopytargets/:name', successStatus: 200, source: 'E95; PYC' },
  { operation: 'getRemoteCopyLinks', method: 'GET', path: '/api/v1/remotecopylinks', successStatus: 200, source: 'E96; PS' },
  { operation: 'getRemoteCopyLink', method: 'GET', path: '/api/v1/remotecopylinks/:name', successStatus: 200, source: 'E96; PYC' },
  { operation: 'getUsers', method: 'GET', path: '/api/v1/users', successStatus: 200, source: 'E97; PS' },
  { operation: 'getUser', method: 'GET', path: '/api/v1/users/:name', successStatus: 200, source: 'E97; COPRHD' },
];

export function endpointByOperation(operation: string): Endpoint | undefined {
  return ENDPOINTS.find((e) => e.operation === operation);
}
