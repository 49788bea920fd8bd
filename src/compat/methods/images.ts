/** OS images: get, list, create (AddOSImage on the wire). */
import { AddOSImageOperation, GetOSImageOperation, ListOSImagesOperation } from '../../../generated/operations/index.js';
import { optionalObj, str } from '../arguments.js';
import { osImage } from '../data-objects/os-image.js';
import type { ImageOptions } from '../types.js';
import { method } from './method.js';

/**
 * azure@0.7.x took the OS first: createOSImage(typeOs, imageName, mediaLink, [imageOptions], callback). Its third
 * argument is then a string (the media link), which the documented form never has there.
 */
function osFirst(args: unknown[]): unknown[] {
  const [os, imageName, mediaLink, ...rest] = args;
  if (typeof mediaLink !== 'string' || typeof os !== 'string' || !/^(linux|windows)$/i.test(os)) return args;
  const [first, ...tail] = rest;
  // typeof null is 'object': an explicit null options argument counts as given.
  const optionsGiven = typeof first === 'object' || (first === undefined && tail.length > 0);
  const imageOptions = { ...(optionsGiven ? (first as ImageOptions | null) ?? {} : {}), OS: /^linux$/i.test(os) ? 'Linux' : 'Windows' };
  return [imageName, mediaLink, imageOptions, ...(optionsGiven ? tail : rest)];
}

export const imageMethods = {
  GetOSImage: method({
    args: [str('imageName')],
    operation: GetOSImageOperation,
    input: ([imageName]) => ({ ImageName: imageName as string }),
    send: (client, input, options) => client.getOSImage(input, options),
  }),
  ListOSImages: method({
    args: [],
    operation: ListOSImagesOperation,
    input: () => ({}),
    send: (client, _input, options) => client.listOSImages({}, options),
  }),
  CreateOSImage: method({
    args: [str('imageName'), str('mediaLink'), optionalObj('imageOptions')],
    reshape: osFirst,
    operation: AddOSImageOperation,
    input: ([imageName, mediaLink, imageOptions]) => osImage(imageName as string, mediaLink as string, imageOptions as ImageOptions | undefined),
    send: (client, input, options) => client.addOSImage(input, options),
  }),
};
