import { configSection, setting } from '@tideline/runtime';

/**
 * Settings of `npm start`'s embedded deployment and of the tests, declared
 * like every module's so that the README's configuration table lists them.
 */
export const devSettings = configSection({
  natsPort: setting.int({
    env: 'TIDELINE_NATS_PORT',
    doc: 'port of the nats-server `npm start` runs (in its own process group; stopped after the modules, or within a second of the process dying)',
    default: 4222,
    min: 1,
    max: 65535,
  }),
  natsServerBin: setting.optionalString({ env: 'NATS_SERVER_BIN', doc: 'the nats-server binary `npm start` and the tests run (default: found on PATH; `npm test` installs Debian\'s)' }),
  chromiumBin: setting.optionalString({ env: 'CHROMIUM_BIN', doc: 'the Chromium the browser tests drive with playwright-core (default /usr/bin/chromium; `npm test` installs Debian\'s)' }),
});
