package io.pretext.context;

import io.pretext.api.data.Image;

/**
 * A centre patch, one of its 8 neighbours and the neighbour's position label (see {@link
 * PatchGrid} for the mapping), with the top-left corners where both were cut from the (upscaled)
 * image.
 */
public record PatchPair(Image centre, Image neighbour, int label, int centreY, int centreX, int neighbourY,
    int neighbourX) {}
