/**
 * CreateOSImage's arguments onto the service's OSImage: Name and MediaLink from the call, Label defaulting to the
 * image name. The documents' RoleSize is the image's recommended size, RecommendedVMSize on the wire.
 */
import type { OSImage } from '../../../generated/models/index.js';
import type { ImageOptions } from '../types.js';
import { compact, options } from './values.js';

export function osImage(imageName: string, mediaLink: string, imageOptions: ImageOptions | undefined): OSImage {
  const { RoleSize, RecommendedVMSize, Label, ...wire } = options(imageOptions);
  return compact({
    ...wire,
    Name: imageName,
    MediaLink: mediaLink,
    Label: Label || imageName,
    RecommendedVMSize: RecommendedVMSize ?? RoleSize,
  }) as OSImage;
}
