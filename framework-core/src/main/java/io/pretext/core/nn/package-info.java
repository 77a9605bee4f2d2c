/** Engine internals: built-in model plugins: small encoders and heads made of DJL core layers. */
package io.pretext.core.nn;
