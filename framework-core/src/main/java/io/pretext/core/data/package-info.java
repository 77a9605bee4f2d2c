/**
 * Engine internals: the readers behind the built-in data sources: IDX, image folders, text
 * lines, labeled text (JSON or CSV), the State of the Union speeches and their sentence splitter.
 */
package io.pretext.core.data;
