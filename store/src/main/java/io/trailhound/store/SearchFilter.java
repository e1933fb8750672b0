package io.trailhound.store;

import java.time.Instant;

/**
 * What {@link EventStore#search} matches: an optional SQL fragment over the {@code event_view}
 * view, field filters (exact, null for any), a time window and a row limit (null: all).
 */
public record SearchFilter(String where, String eventName, String eventSource, String account, String origin,
                           String identityArn, Instant from, Instant to, Long limit, boolean withRaw) {

    public static SearchFilter all() {
        return new SearchFilter(null, null, null, null, null, null, null, null, null, false);
    }

    public SearchFilter withWhere(String sql) {
        return new SearchFilter(sql, eventName, eventSource, account, origin, identityArn, from, to, limit, withRaw);
    }

    public SearchFilter withEventName(String v) {
        return new SearchFilter(where, v, eventSource, account, origin, identityArn, from, to, limit, withRaw);
    }

    public SearchFilter withEventSource(String v) {
        return new SearchFilter(where, eventName, v, account, origin, identityArn, from, to, limit, withRaw);
    }

    public SearchFilter withAccount(String v) {
        return new SearchFilter(where, eventName, eventSource, v, origin, identityArn, from, to, limit, withRaw);
    }

    public SearchFilter withOrigin(String v) {
        return new SearchFilter(where, eventName, eventSource, account, v, identityArn, from, to, limit, withRaw);
    }

    public SearchFilter withIdentityArn(String v) {
        return new SearchFilter(where, eventName, eventSource, account, origin, v, from, to, limit, withRaw);
    }

    public SearchFilter between(Instant f, Instant t) {
        return new SearchFilter(where, eventName, eventSource, account, origin, identityArn, f, t, limit, withRaw);
    }

    public SearchFilter withLimit(Long n) {
        return new SearchFilter(where, eventName, eventSource, account, origin, identityArn, from, to, n, withRaw);
    }

    public SearchFilter withRaw(boolean on) {
        return new SearchFilter(where, eventName, eventSource, account, origin, identityArn, from, to, limit, on);
    }
}
