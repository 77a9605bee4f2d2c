/** DJL engine set-up: offline mode, native cache folder, compute threads. */
package io.pretext.core.engine;
