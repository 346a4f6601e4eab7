/**
 * Whether the mini-program adapters carry file transfer (`upload`/`download`). Only the files
 * feature calls them, and the core-chat single-file builds have no files feature: their build
 * (build/size-plugins.ts) loads this module with `false`, so the transfer code is left out.
 */
export const FILE_TRANSFER: boolean = true;
