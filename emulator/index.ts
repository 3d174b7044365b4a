// Programmatic use: start an emulated array (or several) inside another project's tests.
export { startEmulator, createEmulator, DEFAULT_SEED, type Emulator, type EmulatorOptions, type RunningEmulator, type StartOptions, type RunningArray } from './server.ts';
export { loadFixture, resolveFixturePath, FIXTURES_DIR } from './fixtures.ts';
export type { FixtureFile, ArrayFixture } from './model/boot.ts';
export { ArrayError } from './model/errors.ts';
export { ERROR_CATALOG } from '../contracts/errors.ts';
export { ENDPOINTS } from '../contracts/endpoints.ts';
