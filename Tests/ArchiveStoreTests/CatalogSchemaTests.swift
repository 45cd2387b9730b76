import Foundation
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

@Suite struct CatalogSchemaTests {
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent(relative), encoding: .utf8)
    }

    @Test func embeddedSchemaEqualsSchemaFile() throws {
        let onDisk = try Self.text("schema/catalog.sql")
        #expect(EmbeddedSQL.schema + "\n" == onDisk, "run scripts/embed-sql.sh")
    }

    @Test func embeddedMigrationsEqualMigrationFiles() throws {
        let folder = TestSupport.repositoryRoot.appendingPathComponent("migrations")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(names.map { String($0.dropLast(4)) } == EmbeddedSQL.migrations.map(\.id), "run scripts/embed-sql.sh")
        for (name, migration) in zip(names, EmbeddedSQL.migrations) {
            #expect(migration.sql + "\n" == (try Self.text("migrations/" + name)), "\(name): run scripts/embed-sql.sh")
        }
    }

    @Test func migrationsProduceExactlyTheSchema() throws {
        let migrated = try SQLiteCatalog.schemaDescription(after: EmbeddedSQL.migrations.map(\.sql))
        let schema = try SQLiteCatalog.schemaDescription(after: [EmbeddedSQL.schema])
        #expect(!schema.isEmpty)
        #expect(migrated == schema)
        for table in ["artifact", "subject", "image", "run", "run_input", "run_output", "audit", "manifest_commit"] {
            #expect(schema.contains { $0.hasPrefix("table \(table) ") }, "missing table \(table)")
        }
    }

    @Test func openingRecordsAppliedMigrationsAndUsesWAL() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try SQLiteCatalog(path: dir.appendingPathComponent("c.sqlite").path)
        #expect(try catalog.appliedMigrations() == EmbeddedSQL.migrations.map(\.id))
        let reopened = try SQLiteCatalog(path: dir.appendingPathComponent("c.sqlite").path)
        #expect(try reopened.appliedMigrations() == EmbeddedSQL.migrations.map(\.id))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("c.sqlite-wal").path))
    }
}
