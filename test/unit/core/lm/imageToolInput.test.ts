import * as assert from 'node:assert/strict';
import { shippedDescriptor } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { defaultImageModel, readImageInput } from '../../../../src/core/lm/imageToolInput';

const CANVAS = 'amazon.nova-canvas-v1:0';
const TITAN = 'amazon.titan-image-generator-v2:0';
const STABILITY = 'stability.sd3-5-large-v1:0';
const descriptors = [STABILITY, TITAN, CANVAS, 'anthropic.claude-3-haiku-20240307-v1:0'].map((id) => shippedDescriptor(id, SHIPPED_MODELS, undefined));

describe('bedrock_generate_image input', () => {
  it('defaults to Nova Canvas, then Titan, then Stability', () => {
    assert.equal(defaultImageModel(descriptors), CANVAS);
    assert.equal(defaultImageModel(descriptors.filter((d) => d.id !== CANVAS)), TITAN);
    assert.equal(defaultImageModel(descriptors.filter((d) => d.id === STABILITY)), STABILITY);
  });

  it('builds the request with the model, size, count and seed asked for', () => {
    assert.deepEqual(readImageInput({ prompt: ' a red fox ', width: 1280, height: 768, count: 2, seed: 7, negativePrompt: 'blur' }, descriptors), {
      request: { modelId: CANVAS, task: 'textToImage', prompt: 'a red fox', negativePrompt: 'blur', count: 2, size: { width: 1280, height: 768 }, seed: 7 },
    });
  });

  it('says what is wrong before anything is sent', () => {
    const problem = (raw: unknown) => {
      const r = readImageInput(raw, descriptors);
      return 'problem' in r ? r.problem : '';
    };
    assert.match(problem({ prompt: '' }), /prompt must be a non-empty string/);
    assert.match(problem({ prompt: 'x', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' }), /cannot generate images/);
    assert.match(problem({ prompt: 'x', count: 9 }), /count must be a whole number from 1 to 5/);
    assert.match(problem({ prompt: 'x', modelId: STABILITY, count: 2 }), /from 1 to 1/);
    assert.match(problem({ prompt: 'x', width: 1000, height: 1000 }), /width x height must be one of 1024x1024, .* got 1000x1000/);
    assert.match(problem({ prompt: 'x', modelId: STABILITY, width: 1024, height: 1024 }), /takes an aspect ratio/);
    assert.match(problem({ prompt: 'x', seed: -1 }), /seed must be a whole number/);
  });

  it('with no image model in the region, says so', () => {
    const r = readImageInput({ prompt: 'x' }, descriptors.slice(3));
    assert.ok('problem' in r && /No image model is listed in this region/.test(r.problem));
  });
});
