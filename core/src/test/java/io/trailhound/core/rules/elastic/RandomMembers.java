package io.trailhound.core.rules.elastic;

import java.util.Random;

/** Random JSON objects for member differential tests: 1-3 keys, sometimes {@code key}, values numbers or strings built from {@code parts}. */
final class RandomMembers {
    private RandomMembers() {
    }

    static String object(Random random, String key, String[] parts) {
        StringBuilder member = new StringBuilder("{");
        int keys = 1 + random.nextInt(3);
        for (int k = 0; k < keys; k++) {
            member.append(k == 0 ? "" : ",").append('"').append(random.nextInt(3) == 0 ? key : "k" + k)
                    .append("\":");
            if (random.nextInt(4) == 0) {
                member.append(random.nextInt(1000));
            } else {
                member.append('"');
                for (int n = random.nextInt(6); n > 0; n--) {
                    member.append(parts[random.nextInt(parts.length)]);
                }
                member.append('"');
            }
        }
        return member.append('}').toString();
    }
}
