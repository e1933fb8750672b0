package io.trailhound.core.posture;

import java.io.IOException;
import java.util.List;

/**
 * Where posture inputs come from: files on disk today, a live fetch with the AWS SDK's default
 * credential chain later. The checks see only {@link AccountInputs}, so a new source needs no
 * change to them. Accounts load one at a time, so an organisation never has to fit in memory.
 */
public interface PostureSource {
    /** The account ids this source supplies, in a stable order. */
    List<String> accounts();

    /** One account's inputs; an unreadable input is an error naming it. */
    AccountInputs load(String accountId) throws IOException;
}
