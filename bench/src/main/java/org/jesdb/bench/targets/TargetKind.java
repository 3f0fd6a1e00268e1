package org.jesdb.bench.targets;

/** The systems the benchmark measures, in the order the report lists them. */
public enum TargetKind {
    JESDB_EMBEDDED("JESDB embedded", "embedded"),
    JESDB_REST("JESDB REST", "rest"),
    JESDB_CLUSTER("JESDB 3-node cluster, REST", "cluster"),
    POSTGRES("PostgreSQL", "postgres"),
    POSTGRES_WITHOUT_ALL("PostgreSQL, no $all rows", "postgres-no-all");

    private final String label;
    private final String slug;

    TargetKind(String label, String slug) {
        this.label = label;
        this.slug = slug;
    }

    /** How the report names it. */
    public String label() {
        return label;
    }

    /** How folder names and progress lines name it. */
    public String slug() {
        return slug;
    }

    public boolean isJesdb() {
        return this == JESDB_EMBEDDED || this == JESDB_REST || this == JESDB_CLUSTER;
    }
}
