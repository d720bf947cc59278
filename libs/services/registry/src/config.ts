import { internalSecretSetting, subgraphUrlsSetting } from '@tideline/graphql';
import { configSection, setting } from '@tideline/runtime';

export const registryConfig = configSection({
  secret: internalSecretSetting,
  /** Where the metrics subgraph is, for production evidence. @default this process's /internal/metrics/graphql */
  subgraphUrls: subgraphUrlsSetting,
  /** @default 268435456 (256 MiB) */
  maxArtifactBytes: setting.int({
    env: 'REGISTRY_MAX_ARTIFACT_BYTES',
    doc: 'largest artifact file accepted by POST /v1/artifacts (default 256 MiB; the gateway\'s TIDELINE_MAX_BODY_BYTES applies too); files are read whole to verify them',
    default: 256 * 1024 * 1024,
    min: 1024,
  }),
  /** @default 4194304 (4 MiB) */
  maxInlineBytes: setting.int({
    env: 'REGISTRY_MAX_INLINE_BYTES',
    doc: 'most bytes of artifact files sent inline (contentBase64) in one registerModelVersion; larger files go through POST /v1/artifacts (default 4 MiB)',
    default: 4 * 1024 * 1024,
    min: 0,
  }),
});
