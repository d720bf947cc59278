import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from './backend.ts';

/** Whether this machine has tfjs-node (it is optional: it downloads libtensorflow when installed). */
function hasTfjsNode(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

describe('initBackend', () => {
  it('takes tfjs-node when installed, else wasm; a forced choice is honoured or refused, never degraded', async () => {
    expect(await initBackend()).toBe(hasTfjsNode() ? 'tensorflow' : 'wasm');
    expect(await initBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend('wasm')).toBe('wasm');
    expect(await initBackend('wasm')).toBe('wasm');
    if (hasTfjsNode()) expect(await initBackend('tensorflow')).toBe('tensorflow');
    else await expect(initBackend('tensorflow')).rejects.toThrow("backend 'tensorflow' needs @tensorflow/tfjs-node, which is not installed");
    expect(tf.getBackend()).toBe(hasTfjsNode() ? 'tensorflow' : 'wasm');
  });
});
