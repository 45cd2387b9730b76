import RadVaultCore

/// An artifact as provenance sees it: a content-addressed entity.
public struct ProvenanceArtifact: Hashable, Sendable {
    public var digest: Digest
    /// Artifact kind (`scan`, `mask`, `params`, `features`, …).
    public var kind: String
    public var mediaType: String
    public var size: Int64
    /// UTC ISO-8601 creation time.
    public var created: String
    /// A human-friendly name (original file name or subject), if known.
    public var label: String?

    public init(
        digest: Digest, kind: String, mediaType: String, size: Int64, created: String, label: String? = nil
    ) {
        self.digest = digest
        self.kind = kind
        self.mediaType = mediaType
        self.size = size
        self.created = created
        self.label = label
    }
}

/// A recorded run as provenance sees it: an activity that used inputs and generated outputs.
public struct ProvenanceRun: Hashable, Sendable {
    /// The run id (digest of its canonical spec, `sha256:<hex>`).
    public var id: String
    public var kind: String
    public var executorName: String
    public var executorVersion: String
    /// Input role → digest.
    public var inputs: [String: Digest]
    /// The parameter artifact, if the run has one.
    public var params: Digest?
    /// Output role → digest.
    public var outputs: [String: Digest]
    /// UTC ISO-8601 start and end.
    public var started: String
    public var ended: String
    /// Who ran it (user name).
    public var agent: String
    /// The environment fingerprint, as recorded.
    public var environment: JSONValue?

    public init(
        id: String, kind: String, executorName: String, executorVersion: String, inputs: [String: Digest],
        params: Digest?, outputs: [String: Digest], started: String, ended: String, agent: String,
        environment: JSONValue? = nil
    ) {
        self.id = id
        self.kind = kind
        self.executorName = executorName
        self.executorVersion = executorVersion
        self.inputs = inputs
        self.params = params
        self.outputs = outputs
        self.started = started
        self.ended = ended
        self.agent = agent
        self.environment = environment
    }

    /// Inputs plus the parameter artifact under the role `params`, sorted by role.
    public var usedEntities: [(role: String, digest: Digest)] {
        (inputs.map { (role: $0.key, digest: $0.value) } + (params.map { [(role: "params", digest: $0)] } ?? []))
            .sorted { $0.role < $1.role }
    }

    /// Outputs sorted by role.
    public var generatedEntities: [(role: String, digest: Digest)] {
        outputs.map { (role: $0.key, digest: $0.value) }.sorted { $0.role < $1.role }
    }

    /// The run id's hex digits (without `sha256:`).
    var idHex: String { id.hasPrefix("sha256:") ? String(id.dropFirst(7)) : id }
}

/// Everything an export describes: artifacts, runs and the tool that recorded them.
public struct ProvenanceGraph: Hashable, Sendable {
    public var artifacts: [ProvenanceArtifact]
    public var runs: [ProvenanceRun]
    /// A name for the study (the archive's directory name, or the cohort name).
    public var studyName: String
    public var toolVersion: String

    public init(
        artifacts: [ProvenanceArtifact], runs: [ProvenanceRun], studyName: String,
        toolVersion: String = RadVaultVersion.string
    ) {
        self.artifacts = artifacts.sorted { $0.digest < $1.digest }
        self.runs = runs.sorted { ($0.started, $0.id) < ($1.started, $1.id) }
        self.studyName = studyName
        self.toolVersion = toolVersion
    }

    /// Every digest mentioned (artifacts and run inputs/params/outputs), sorted.
    public var allDigests: [Digest] {
        var s = Set(artifacts.map(\.digest))
        for r in runs {
            for e in r.usedEntities { s.insert(e.digest) }
            for e in r.generatedEntities { s.insert(e.digest) }
        }
        return s.sorted()
    }

    /// The artifact record for a digest, if the graph has one.
    public func artifact(_ d: Digest) -> ProvenanceArtifact? { artifacts.first { $0.digest == d } }

    /// Distinct agents (user names) of the runs, sorted.
    public var agents: [String] { Array(Set(runs.map(\.agent))).sorted() }
}
