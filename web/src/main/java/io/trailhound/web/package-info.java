/**
 * {@code trailhound serve}: a local web UI and its JSON API over the store, opened read-only.
 * {@link io.trailhound.web.WebServer} binds, guards and routes; {@link io.trailhound.web.StoreAccess}
 * opens the store per burst of requests (so a writer can take it between them);
 * {@link io.trailhound.web.WebQueries} holds the only SQL the UI adds to the store's own queries;
 * the pages are static files under {@code resources/io/trailhound/web/static} that fetch the API
 * and write every log field with {@code textContent}. Must not write to the store, reach the
 * network, or evaluate anything from the logs.
 */
package io.trailhound.web;
