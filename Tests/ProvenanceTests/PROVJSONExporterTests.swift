import Foundation
import Provenance
import RadVaultCore
import Testing

struct PROVJSONExporterTests {
    let doc = PROVJSONExporter.document(SampleGraph.graph())

    @Test func declaresPrefixesForEveryQualifiedName() throws {
        let prefixes = try #require(doc["prefix"]?.objectValue)
        #expect(prefixes["radvault"] == .string(PROVJSONExporter.namespace))
        #expect(prefixes["prov"] == .string("http://www.w3.org/ns/prov#"))
        #expect(prefixes["xsd"] != nil)
        // Every identifier used as a key is qualified by a declared prefix (or is a blank node).
        for section in ["entity", "activity", "agent", "used", "wasGeneratedBy", "wasAssociatedWith", "wasDerivedFrom"]
        {
            for key in doc[section]?.objectValue?.keys ?? [:].keys {
                let prefix = String(key.split(separator: ":").first ?? "")
                #expect(prefix == "_" || prefixes[prefix] != nil, "\(section) \(key)")
            }
        }
    }

    @Test func entitiesCarrySHA256AndActivitiesTheirTimes() throws {
        let entities = try #require(doc["entity"]?.objectValue)
        #expect(entities.count == 6)
        let scan = try #require(entities[PROVJSONExporter.entityID(SampleGraph.scan)])
        #expect(scan["radvault:sha256"] == .string(SampleGraph.scan.hex))
        #expect(scan["prov:type"]?["$"] == .string("radvault:scan"))
        #expect(scan["radvault:size"]?["type"] == .string("xsd:long"))
        let activities = try #require(doc["activity"]?.objectValue)
        #expect(activities.count == 2)
        let extract = try #require(activities.values.first { $0["radvault:executor"] == .string("radvault-extract") })
        #expect(extract["prov:startTime"] == .string("2026-11-28T04:01:00Z"))
        #expect(extract["prov:endTime"] == .string("2026-11-28T04:02:00Z"))
        #expect(extract["radvault:executorVersion"] == .string("1.0"))
    }

    @Test func agentsAreTheUserAndRadVaultWithItsVersion() throws {
        let agents = try #require(doc["agent"]?.objectValue)
        #expect(agents[PROVJSONExporter.userID("alice")]?["prov:type"]?["$"] == .string("prov:Person"))
        let software = try #require(agents[PROVJSONExporter.softwareID(RadVaultVersion.string)])
        #expect(software["prov:type"]?["$"] == .string("prov:SoftwareAgent"))
        #expect(software["radvault:version"] == .string(RadVaultVersion.string))
    }

    @Test func relationsLinkRunsEntitiesAndAgents() throws {
        let used = try #require(doc["used"]?.objectValue?.values)
        #expect(used.count == 5)  // extract: image, mask, params; model: features, params
        #expect(used.contains { $0["prov:role"] == .string("mask") })
        let generated = try #require(doc["wasGeneratedBy"]?.objectValue?.values)
        #expect(generated.count == 2)
        #expect(doc["wasAssociatedWith"]?.objectValue?.count == 4)
        let derived = try #require(doc["wasDerivedFrom"]?.objectValue?.values)
        #expect(derived.count == 5)
        let modelFromFeatures = derived.contains {
            $0["prov:generatedEntity"] == .string(PROVJSONExporter.entityID(SampleGraph.model))
                && $0["prov:usedEntity"] == .string(PROVJSONExporter.entityID(SampleGraph.features))
        }
        #expect(modelFromFeatures)
    }

    @Test func exportIsDeterministic() {
        let a = PROVJSONExporter.bytes(SampleGraph.graph())
        let b = PROVJSONExporter.bytes(SampleGraph.graph())
        #expect(a == b)
        #expect((try? CanonicalJSON.parse(a)) == doc)
    }
}
