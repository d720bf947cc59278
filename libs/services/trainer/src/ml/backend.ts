import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendPreference = 'tensorflow' | 'wasm' | 'cpu';

/** tfjs-node is optional (it downloads libtensorflow at install): a variable keeps bundlers and tsc from resolving it. */
const TFJS_NODE = '@tensorflow/tfjs-node';
let tfjsNode: Promise<boolean> | undefined;
let wasmPathsSet = false;
let initialized = false;

/** Loads tfjs-node once if it is installed; it registers the 'tensorflow' backend on the same tfjs instance. */
function loadTfjsNode(): Promise<boolean> {
  tfjsNode ??= import(TFJS_NODE).then(
    () => tf.findBackend('tensorflow') !== null,
    () => false,
  );
  return tfjsNode;
}

/** The wasm binaries ship in the package: load them from node_modules, never from a CDN. */
function useLocalWasm() {
  if (wasmPathsSet) return;
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  wasmPathsSet = true;
}

async function activate(name: BackendPreference): Promise<boolean> {
  if (name === 'tensorflow' && !(await loadTfjsNode())) return false;
  if (name === 'wasm') useLocalWasm();
  if (tf.getBackend() === name) return true;
  return tf.setBackend(name).catch(() => false);
}

/**
 * Selects tfjs's backend: `preferred` if given (failing when it cannot be
 * had: a forced choice never degrades silently), else tfjs-node when it is
 * installed, else wasm, else the pure-JS cpu backend. Idempotent; returns
 * the backend's name as tfjs knows it ('tensorflow' | 'wasm' | 'cpu').
 */
export async function initBackend(preferred?: BackendPreference): Promise<string> {
  tf.env().set('PROD', true);
  if (preferred) {
    if (!(await activate(preferred))) {
      throw new Error(preferred === 'tensorflow' ? `backend 'tensorflow' needs ${TFJS_NODE}, which is not installed` : `backend '${preferred}' failed to initialize`);
    }
  } else {
    let chosen = false;
    for (const name of ['tensorflow', 'wasm', 'cpu'] as const) if (!chosen) chosen = await activate(name);
    if (!chosen) throw new Error('no tfjs backend could be initialized (tensorflow, wasm, cpu)');
  }
  await tf.ready();
  initialized = true;
  return tf.getBackend();
}

/** The backend tfjs runs on, initializing the default choice when nobody called initBackend yet. */
export async function ensureBackend(): Promise<string> {
  if (initialized) return tf.getBackend();
  return initBackend();
}
