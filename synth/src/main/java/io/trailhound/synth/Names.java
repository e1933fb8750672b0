package io.trailhound.synth;

import java.util.List;

/** Word lists the organisation's names are drawn from. */
final class Names {
    private Names() {
    }

    static final List<String> ORGS = List.of("acme", "globex", "initech", "umbrella", "hooli", "vandelay",
            "wonka", "stark", "wayne", "tyrell", "cyberdyne", "soylent");
    static final List<String> WORKLOADS = List.of("prod", "staging", "dev", "shared-services", "data",
            "security-tooling", "sandbox", "analytics", "payments", "platform");
    static final List<String> FIRST = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
            "ivan", "judy", "mallory", "nina", "oscar", "peggy", "quentin", "rupert", "sybil", "trent", "ursula",
            "victor", "wendy", "xavier", "yvonne", "zoe", "amir", "bianca", "chen", "dmitri", "elena", "farah",
            "gustavo", "hana", "ines", "jonas", "kenji", "leila", "marco", "noor", "olga", "priya");
    static final List<String> LAST = List.of("smith", "johnson", "garcia", "miller", "davis", "martinez", "lopez",
            "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "thompson", "white",
            "harris", "clark", "lewis", "walker", "young", "allen", "king", "wright", "scott", "nguyen", "hill",
            "adams", "baker", "nelson", "carter", "mitchell", "perez", "roberts", "turner", "phillips", "campbell",
            "parker", "evans");
}
