/**
 * Engine internals: real-world image files. {@code ImageDecoder} turns PNG/JPEG bytes into an
 * {@code Image} at the file's own size (any raster type, EXIF orientation applied, pixel limit
 * checked from the header before decoding); the folder index and the streaming dataset built on it.
 */
package io.pretext.core.data.image;
