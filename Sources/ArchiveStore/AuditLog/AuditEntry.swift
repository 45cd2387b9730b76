import RadVaultCore

/// One entry of the append-only, hash-chained audit log.
///
/// `hash` is the digest of the canonical JSON of every other field, and `prevHash` is the hash of
/// the entry before (`AuditEntry.genesisHash` for the first), so altering or removing any entry
/// breaks the chain from there on.
public struct AuditEntry: Codable, Hashable, Sendable {
    public var seq: Int64
    /// UTC ISO-8601.
    public var time: String
    public var agent: String
    /// What happened, e.g. `archive.init`, `artifact.add`, `run.record`, `manifest.commit`.
    public var action: String
    /// The canonical JSON describing the change.
    public var payload: String
    /// Digest of `payload`'s bytes.
    public var payloadDigest: Digest
    public var prevHash: Digest
    public var hash: Digest

    enum CodingKeys: String, CodingKey {
        case seq, time, agent, action, payload, hash
        case payloadDigest = "payload_digest"
        case prevHash = "prev_hash"
    }

    /// The `prevHash` of the first entry: 64 zeros.
    public static let genesisHash: Digest = {
        (try? Digest(parsing: String(repeating: "0", count: 64))) ?? Digest.of([UInt8]())
    }()

    public init(
        seq: Int64, time: String, agent: String, action: String, payload: String, payloadDigest: Digest,
        prevHash: Digest, hash: Digest
    ) {
        self.seq = seq
        self.time = time
        self.agent = agent
        self.action = action
        self.payload = payload
        self.payloadDigest = payloadDigest
        self.prevHash = prevHash
        self.hash = hash
    }

    /// Builds the entry that follows `previous` (nil for the first), computing its hash.
    public static func next(
        after previous: AuditEntry?, time: String, agent: String, action: String, payload: JSONValue
    ) -> AuditEntry {
        let text = CanonicalJSON.string(payload)
        let payloadDigest = Digest.of(Array(text.utf8))
        let seq = (previous?.seq ?? 0) + 1
        let prev = previous?.hash ?? genesisHash
        let hash = computeHash(
            seq: seq, time: time, agent: agent, action: action, payloadDigest: payloadDigest, prevHash: prev)
        return AuditEntry(
            seq: seq, time: time, agent: agent, action: action, payload: text, payloadDigest: payloadDigest,
            prevHash: prev, hash: hash)
    }

    /// The hash over every field but `hash` and `payload` (which `payloadDigest` stands for).
    public static func computeHash(
        seq: Int64, time: String, agent: String, action: String, payloadDigest: Digest, prevHash: Digest
    ) -> Digest {
        // The canonical JSON of the object {seq, time, agent, action, payload_digest, prev_hash}
        // written key by key in canonical (byte-sorted) key order: the bytes of
        // `CanonicalJSON.bytes(.object(...))` without building and sorting a dictionary per entry
        // (`verify` recomputes every entry's hash).
        var out: [UInt8] = []
        out.reserveCapacity(320)
        let fields: [(String, JSONValue)] = [
            ("action", .string(action)), ("agent", .string(agent)),
            ("payload_digest", .string(payloadDigest.description)), ("prev_hash", .string(prevHash.description)),
            ("seq", .int(seq)), ("time", .string(time)),
        ]
        for (i, (key, value)) in fields.enumerated() {
            out.append(UInt8(ascii: i == 0 ? "{" : ","))
            out += CanonicalJSON.bytes(.string(key))
            out.append(UInt8(ascii: ":"))
            out += CanonicalJSON.bytes(value)
        }
        out.append(UInt8(ascii: "}"))
        return Digest.of(out)
    }

    /// Problems with this entry given the one before it (nil for the first).
    public func chainProblems(after previous: AuditEntry?) -> [String] {
        var out: [String] = []
        let expectedSeq = (previous?.seq ?? 0) + 1
        if seq != expectedSeq { out.append("seq \(seq), expected \(expectedSeq) (an entry is missing)") }
        let expectedPrev = previous?.hash ?? Self.genesisHash
        if prevHash != expectedPrev { out.append("prev_hash \(prevHash), expected \(expectedPrev)") }
        if Digest.of(Array(payload.utf8)) != payloadDigest { out.append("payload does not hash to payload_digest") }
        let recomputed = Self.computeHash(
            seq: seq, time: time, agent: agent, action: action, payloadDigest: payloadDigest, prevHash: prevHash)
        if recomputed != hash { out.append("hash \(hash), recomputed \(recomputed)") }
        return out
    }
}
