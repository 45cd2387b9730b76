import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

struct SigningTests {
    @Test func keyFilesRoundTripAndPrivateKeyIsMode0600() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("key").path
        let key = Signing.generateKey()
        try Signing.writeKeyPair(key, to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"))
        let pub = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        #expect(pub.hasPrefix("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA"))
        #expect(try Signing.readPrivateKey(path: path).rawRepresentation == key.rawRepresentation)
        #expect(try Signing.readPublicKey(path: path + ".pub").rawRepresentation == key.publicKey.rawRepresentation)
        let again = #expect(throws: RadVaultError.self) { try Signing.writeKeyPair(key, to: path) }
        #expect(again?.message.contains("already exists") == true)
    }

    @Test func signVerifyRoundTripAndTamperDetection() throws {
        let key = Signing.generateKey()
        let message = Array("checkpoint 42".utf8)
        let sig = try Signing.sign(message, with: key)
        try Signing.verify(sig, message: message, trusted: key.publicKey, subject: "test")

        let tampered = #expect(throws: RadVaultError.self) {
            try Signing.verify(sig, message: Array("checkpoint 43".utf8), trusted: key.publicKey, subject: "test")
        }
        #expect(tampered?.message == "test: the Ed25519 signature does not verify against the trusted key")

        var flipped = sig
        var raw = Array(Data(base64Encoded: sig.signature) ?? Data())
        raw[0] ^= 1
        flipped.signature = Data(raw).base64EncodedString()
        #expect(throws: RadVaultError.self) {
            try Signing.verify(flipped, message: message, trusted: key.publicKey, subject: "test")
        }

        let other = Signing.generateKey()
        let wrongKey = #expect(throws: RadVaultError.self) {
            try Signing.verify(sig, message: message, trusted: other.publicKey, subject: "test")
        }
        #expect(wrongKey?.message.contains("not by the trusted key") == true)
    }

    @Test func rawKeyFilesAreAcceptedAndGarbageIsRefused() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = Signing.generateKey()
        let raw = dir.appendingPathComponent("raw.pub")
        try key.publicKey.rawRepresentation.write(to: raw)
        #expect(try Signing.readPublicKey(path: raw.path).rawRepresentation == key.publicKey.rawRepresentation)
        let junk = dir.appendingPathComponent("junk")
        try Data("hello".utf8).write(to: junk)
        let e = #expect(throws: RadVaultError.self) { try Signing.readPublicKey(path: junk.path) }
        #expect(e?.message == "key file '\(junk.path)': expected a PEM 'PUBLIC KEY' block or 32 raw bytes")
        let missing = #expect(throws: RadVaultError.self) { try Signing.readPrivateKey(path: dir.path + "/none") }
        #expect(missing?.code == .notFound)
    }
}

struct KeyPairFileTests {
    @Test func aDanglingPublicKeyLinkRefusesAndLeavesNoPrivateKey() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("key").path
        try FileManager.default.createSymbolicLink(atPath: path + ".pub", withDestinationPath: dir.path + "/gone")
        let e = #expect(throws: RadVaultError.self) { try Signing.writeKeyPair(Signing.generateKey(), to: path) }
        #expect(e?.message == "key file '\(path).pub': already exists; refusing to overwrite a key")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["key.pub"])
    }

    @Test func aMissingFolderIsNamedWithTheReason() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("missing/key").path
        let e = #expect(throws: RadVaultError.self) { try Signing.writeKeyPair(Signing.generateKey(), to: path) }
        #expect(
            e?.message
                == "key file '\(path)': cannot be created (No such file or directory); expected a new file in a "
                + "writable folder ('\(dir.path)/missing')")
    }
}

extension KeyPairFileTests {
    /// Key files are read with a cap (so `--trust /dev/zero` is an error, not a hang; not run here:
    /// without the cap it would exhaust memory).
    @Test func anOversizedOrEndlessKeyFileIsRefused() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.pub")
        try Data(repeating: 0x41, count: 100_000).write(to: big)
        for path in [big.path] {
            let e = #expect(throws: RadVaultError.self) { try Signing.readPublicKey(path: path) }
            #expect(e?.message == "key file '\(path)': larger than 16384 bytes, expected a PEM key or 32 raw bytes")
        }
        let folder = #expect(throws: RadVaultError.self) { try Signing.readPrivateKey(path: dir.path) }
        #expect(folder?.message == "key file '\(dir.path)': cannot be read")
    }
}
