/**
 * Engine internals: fetching named data sets from package registries into a local cache, verified by pinned SHA-256
 * checksums: {@link io.pretext.core.data.fetch.DataFetcher} is the entry point, {@link
 * io.pretext.core.data.fetch.DatasetCatalog} lists what can be fetched.
 */
package io.pretext.core.data.fetch;
