import type { DockerfileModel, ImageRef, Stage } from '../model';
import { rootStage } from './base-image-card';
import { describeImageRef, type ImageInfo } from './images';

const DEV_WORDS = new Set(['dev', 'devel', 'develop', 'development', 'test', 'tests', 'testing', 'ci', 'lint', 'debug', 'devcontainer', 'validate', 'validation', 'generate', 'vendor']);

/** `dev`, `integration-test`, `validate`: a target for developers or CI rather than the image you ship. */
export function isDevStageName(name: string | undefined): boolean {
  return !!name && name.split(/[-_.]/).some(w => DEV_WORDS.has(w));
}

/** The registry image under the image that ships: what the final stage is built on, through `FROM <stage>` chains. */
export interface ShippedBaseImage {
  final: Stage;
  image: ImageRef & { name: string; resolved: string };
  info: ImageInfo;
  /** For messages: names the final stage when the image sits under an earlier stage it builds on; else empty. */
  via: string;
}

/**
 * Undefined when the final stage looks like a development or CI target, starts from scratch,
 * or its image is unknown to the offline tables or not resolvable.
 */
export function shippedBaseImage(model: DockerfileModel): ShippedBaseImage | undefined {
  const final = model.finalStage;
  if (!final || isDevStageName(final.name)) return undefined;
  const root = rootStage(final);
  const image = root.image;
  if (image.stage || image.isScratch || image.resolved === undefined || !image.name) return undefined;
  const info = describeImageRef(image);
  if (!info) return undefined;
  const via = root === final ? '' : ` (the final stage on line ${final.from.getRange().start.line + 1} builds on it)`;
  return { final, image: image as ShippedBaseImage['image'], info, via };
}
