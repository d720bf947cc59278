import { configSection, setting } from '@tideline/runtime';

export const registryConfig = configSection({
  /** @default 268435456 (256 MiB) */
  maxArtifactBytes: setting.int({
    env: 'REGISTRY_MAX_ARTIFACT_BYTES',
    doc: 'largest artifact file on `POST /v1/artifacts` (the gateway\'s `TIDELINE_MAX_BODY_BYTES` applies too); files are streamed and hashed, never held whole in memory',
    default: 256 * 1024 * 1024,
    min: 1024,
  }),
  /** @default 4194304 (4 MiB) */
  maxInlineBytes: setting.int({
    env: 'REGISTRY_MAX_INLINE_BYTES',
    doc: 'most bytes of artifact files sent inline (`contentBase64`) in one `registerModelVersion`',
    default: 4 * 1024 * 1024,
    min: 0,
  }),
  /** @default 1073741824 (1 GiB) */
  maxVersionBytes: setting.int({
    env: 'REGISTRY_MAX_VERSION_BYTES',
    doc: 'most bytes the files of one `registerModelVersion` add up to (a file named by several paths counts each time); each distinct file is read once to verify it',
    default: 1024 * 1024 * 1024,
    min: 1024,
  }),
  /** @default 1000 */
  maxVersionFiles: setting.int({
    env: 'REGISTRY_MAX_VERSION_FILES',
    doc: 'most files (paths) in one `registerModelVersion`',
    default: 1000,
    min: 1,
  }),
});
