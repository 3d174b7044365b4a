// Request bodies the WSAPI accepts, as data: member → JSON type, required or not. The routes check bodies against
// these before any command runs (unknown member → INV_INPUT with ref, wrong type → INV_INPUT_WRONG_TYPE with ref,
// missing → INV_INPUT_MISSING_REQUIRED with ref); value rules (ranges, enums, names) belong to the model.
// Sources: shared/reference/wsapi/endpoints.md §2 and §4; G131 p18 (null members are ignored).

export type FieldSpec =
  | { readonly type: 'string' | 'integer' | 'boolean'; readonly required?: boolean }
  | { readonly type: 'object'; readonly required?: boolean; readonly fields: Readonly<Record<string, FieldSpec>> }
  | { readonly type: 'array'; readonly required?: boolean; readonly items: FieldSpec };

export type BodySpec = Readonly<Record<string, FieldSpec>>;

const diskPattern: FieldSpec = {
  type: 'object',
  fields: {
    nodeList: { type: 'string' },
    slotList: { type: 'string' },
    portList: { type: 'string' },
    cageList: { type: 'string' },
    magList: { type: 'string' },
    diskPosList: { type: 'string' },
    diskList: { type: 'string' },
    totalChunkletsGreaterThan: { type: 'integer' },
    totalChunkletsLessThan: { type: 'integer' },
    freeChunkletsGreaterThan: { type: 'integer' },
    freeChunkletsLessThan: { type: 'integer' },
    diskModels: { type: 'array', items: { type: 'string' } },
    diskType: { type: 'integer' },
    RPM: { type: 'integer' },
  },
};

export const LD_LAYOUT: FieldSpec = {
  type: 'object',
  fields: {
    RAIDType: { type: 'integer' },
    setSize: { type: 'integer' },
    HA: { type: 'integer' },
    chunkletPosPref: { type: 'integer' },
    diskPatterns: { type: 'array', items: diskPattern },
  },
};

export const REQUEST_BODIES = {
  login: {
    user: { type: 'string', required: true },
    password: { type: 'string', required: true },
  },
  createCPG: {
    name: { type: 'string', required: true },
    domain: { type: 'string' },
    growthIncrementMiB: { type: 'integer' },
    growthLimitMiB: { type: 'integer' },
    usedLDWarningAlertMiB: { type: 'integer' },
    LDLayout: LD_LAYOUT,
  },
  modifyCPG: {
    newName: { type: 'string' },
    disableAutoGrow: { type: 'boolean' },
    rmGrowthLimit: { type: 'boolean' },
    rmWarningAlert: { type: 'boolean' },
    growthIncrementMiB: { type: 'integer' },
    growthLimitMiB: { type: 'integer' },
    usedLDWarningAlertMiB: { type: 'integer' },
    LDLayout: LD_LAYOUT,
  },
  getCPGAvailableSpace: {
    cpg: { type: 'string' },
    LDLayout: LD_LAYOUT,
  },
} as const satisfies Readonly<Record<string, BodySpec>>;
