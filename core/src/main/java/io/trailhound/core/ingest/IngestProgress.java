package io.trailhound.core.ingest;

/** Progress of a run, reported a few times a second on the thread that started it. */
@FunctionalInterface
public interface IngestProgress {
    IngestProgress NONE = (filesDone, filesTotal, bytesDone, bytesTotal, records) -> { };

    /** {@code bytesDone}/{@code bytesTotal} are stored (compressed) sizes; bytesTotal is -1 when unknown (stdin). */
    void update(int filesDone, int filesTotal, long bytesDone, long bytesTotal, long records);
}
