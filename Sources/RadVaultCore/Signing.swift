import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ed25519 keys, key files and detached signatures (swift-crypto `Curve25519.Signing`).
///
/// Key files are PEM, interoperable with OpenSSL (`openssl pkey -in KEY -pubout`):
/// the private key is PKCS #8 (`-----BEGIN PRIVATE KEY-----`, RFC 8410 section 7) written with
/// mode 0600; the public key `PATH.pub` is SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`).
/// A file holding exactly the 32 raw key bytes is accepted on reading as well.
/// Ed25519 signatures from swift-crypto are randomised, so they are always stored beside, never
/// inside, the content they sign (DESIGN.md, "Integrity and safety").
public enum Signing {
    /// An Ed25519 private key (swift-crypto), re-exported so callers need not import Crypto.
    public typealias PrivateKey = Curve25519.Signing.PrivateKey
    /// An Ed25519 public key (swift-crypto).
    public typealias PublicKey = Curve25519.Signing.PublicKey

    /// DER prefix of an Ed25519 PKCS #8 private key, followed by the 32-byte seed (RFC 8410).
    static let pkcs8Prefix: [UInt8] = [
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]
    /// DER prefix of an Ed25519 SubjectPublicKeyInfo, followed by the 32-byte key (RFC 8410).
    static let spkiPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// A fresh random key pair.
    public static func generateKey() -> Curve25519.Signing.PrivateKey { Curve25519.Signing.PrivateKey() }

    /// Writes `path` (private key, mode 0600) and `path.pub`; refused when either exists (even
    /// as a dangling symbolic link). When the public key cannot be written, the private key
    /// just written is removed again, so a failure leaves neither file.
    public static func writeKeyPair(_ key: Curve25519.Signing.PrivateKey, to path: String) throws {
        let pub = path + ".pub"
        for p in [path, pub] where (try? FileManager.default.attributesOfItem(atPath: p)) != nil {
            throw RadVaultError(.alreadyExists, "key file '\(p)': already exists; refusing to overwrite a key")
        }
        try writeExclusive(path: path, bytes: Array(privateKeyPEM(key).utf8), mode: 0o600)
        do {
            try writeExclusive(path: pub, bytes: Array(publicKeyPEM(key.publicKey).utf8), mode: 0o644)
        } catch {
            _ = unlink(path)
            throw error
        }
    }

    /// The PKCS #8 PEM text of a private key.
    public static func privateKeyPEM(_ key: Curve25519.Signing.PrivateKey) -> String {
        pem(label: "PRIVATE KEY", der: pkcs8Prefix + Array(key.rawRepresentation))
    }

    /// The SubjectPublicKeyInfo PEM text of a public key.
    public static func publicKeyPEM(_ key: Curve25519.Signing.PublicKey) -> String {
        pem(label: "PUBLIC KEY", der: spkiPrefix + Array(key.rawRepresentation))
    }

    /// Reads a private key file (PKCS #8 PEM or 32 raw bytes).
    public static func readPrivateKey(path: String) throws -> Curve25519.Signing.PrivateKey {
        let raw = try keyBytes(path: path, label: "PRIVATE KEY", prefix: pkcs8Prefix)
        do {
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw RadVaultError(.invalidInput, "key file '\(path)': not an Ed25519 private key", cause: error)
        }
    }

    /// Reads a public key file (SubjectPublicKeyInfo PEM or 32 raw bytes).
    public static func readPublicKey(path: String) throws -> Curve25519.Signing.PublicKey {
        let raw = try keyBytes(path: path, label: "PUBLIC KEY", prefix: spkiPrefix)
        do {
            return try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw RadVaultError(.invalidInput, "key file '\(path)': not an Ed25519 public key", cause: error)
        }
    }

    /// A detached signature over `message`.
    public static func sign(_ message: [UInt8], with key: Curve25519.Signing.PrivateKey) throws -> DetachedSignature {
        let sig = try key.signature(for: message)
        return DetachedSignature(
            publicKey: Data(key.publicKey.rawRepresentation).base64EncodedString(),
            signature: Data(sig).base64EncodedString())
    }

    /// Checks `signature` over `message` against the trusted key; throws naming what failed.
    public static func verify(
        _ signature: DetachedSignature, message: [UInt8], trusted: Curve25519.Signing.PublicKey, subject: String
    ) throws {
        let trustedB64 = Data(trusted.rawRepresentation).base64EncodedString()
        guard signature.algorithm == "ed25519" else {
            throw RadVaultError.corrupt("\(subject): signature algorithm '\(signature.algorithm)', expected 'ed25519'")
        }
        guard signature.publicKey == trustedB64 else {
            throw RadVaultError.corrupt(
                "\(subject): signed by key \(keyID(signature.publicKey)), not by the trusted key \(keyID(trustedB64))")
        }
        guard let sig = Data(base64Encoded: signature.signature), trusted.isValidSignature(sig, for: message) else {
            throw RadVaultError.corrupt("\(subject): the Ed25519 signature does not verify against the trusted key")
        }
    }

    /// A short identifier of a base64 public key (first 16 hex digits of its SHA-256).
    public static func keyID(_ publicKeyBase64: String) -> String {
        String(Digest.of(Data(base64Encoded: publicKeyBase64) ?? Data()).hex.prefix(16))
    }

    /// The largest key file read (a PEM Ed25519 key is about 120 bytes).
    static let maxKeyFileBytes = 16 << 10

    static func pem(label: String, der: [UInt8]) -> String {
        "-----BEGIN \(label)-----\n" + Data(der).base64EncodedString() + "\n-----END \(label)-----\n"
    }

    static func keyBytes(path: String, label: String, prefix: [UInt8]) throws -> [UInt8] {
        // Read at most a little more than any key file needs: a path like /dev/zero must not hang.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else {
            throw RadVaultError.notFound("key file '\(path)': cannot be read")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxKeyFileBytes + 1) ?? Data()
        } catch {
            throw RadVaultError(.invalidInput, "key file '\(path)': cannot be read", cause: error)
        }
        guard data.count <= maxKeyFileBytes else {
            throw RadVaultError.invalidInput(
                "key file '\(path)': larger than \(maxKeyFileBytes) bytes, expected a PEM key or 32 raw bytes")
        }
        if data.count == 32 { return Array(data) }
        let text = String(decoding: data, as: UTF8.self)
        let begin = "-----BEGIN \(label)-----"
        let end = "-----END \(label)-----"
        guard let b = text.range(of: begin), let e = text.range(of: end), b.upperBound <= e.lowerBound else {
            throw RadVaultError.invalidInput("key file '\(path)': expected a PEM '\(label)' block or 32 raw bytes")
        }
        let body = text[b.upperBound..<e.lowerBound].filter { !$0.isWhitespace }
        guard let der = Data(base64Encoded: String(body)), der.count == prefix.count + 32,
            Array(der.prefix(prefix.count)) == prefix
        else {
            throw RadVaultError.invalidInput(
                "key file '\(path)': the '\(label)' block is not an Ed25519 key (RFC 8410)")
        }
        return Array(der.suffix(32))
    }

    static func writeExclusive(path: String, bytes: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            throw RadVaultError.invalidInput(
                "key file '\(path)': cannot be created (\(reason)); expected a new file in a writable folder "
                    + "('\(folder)')")
        }
        defer { close(fd) }
        _ = fchmod(fd, mode)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = unlink(path)
            throw RadVaultError.internalError("key file '\(path)': cannot be written (\(reason))")
        }
    }
}

/// An Ed25519 signature kept outside the content it signs.
public struct DetachedSignature: Codable, Hashable, Sendable {
    /// Always `ed25519`.
    public var algorithm: String
    /// Base64 of the signer's 32-byte public key.
    public var publicKey: String
    /// Base64 of the 64-byte signature.
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case algorithm, signature
        case publicKey = "public_key"
    }

    public init(algorithm: String = "ed25519", publicKey: String, signature: String) {
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.signature = signature
    }
}
