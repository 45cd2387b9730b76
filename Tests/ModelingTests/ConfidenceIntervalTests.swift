import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// 95% confidence intervals against R: pROC's `ci.auc(method = "delong")` and survival's
/// `concordance()` infinitesimal-jackknife variance (ci_reference.json, made by
/// scripts/fixtures/modeling/ci_reference.R from the scores of the other fixtures).
@Suite struct ConfidenceIntervalTests {
    static let reference: JSONValue = (try? Fixture.json("ci_reference.json")) ?? .null

    /// Scores and 0/1 labels of a named AUC case.
    static func binaryCase(_ name: String) throws -> (scores: [Double], y: [Double]) {
        switch name {
        case "breast_cancer.scores_rounded":
            let y = try Fixture.columns("breast_cancer.csv").values["y"] ?? []
            return (try Fixture.json("logistic_reference.json")["scores_rounded"]?.doubles ?? [], y)
        case "sts.logistic.lp":
            let y = try Fixture.columns("sts_pet_labels_SYNTHETIC.csv").values["y"] ?? []
            return (try Fixture.json("sts_reference.json")["logistic"]?["lp"]?.doubles ?? [], y)
        default:
            throw RadVaultError.invalidInput("unknown AUC case '\(name)'")
        }
    }

    /// Risk scores and survival data of a named C-index case.
    static func survivalCase(_ name: String) throws -> (risk: [Double], survival: SurvivalData) {
        switch name {
        case "rossi.scores_rounded":
            let v = try Fixture.columns("rossi.csv").values
            let s = SurvivalData(time: v["week"] ?? [], event: (v["arrest"] ?? []).map { $0 == 1 })
            return (try Fixture.json("cox_reference.json")["scores_rounded"]?.doubles ?? [], s)
        case "sts.cox.lp":
            let v = try Fixture.columns("sts_pet_labels_SYNTHETIC.csv").values
            let s = SurvivalData(time: v["time"] ?? [], event: (v["event"] ?? []).map { $0 == 1 })
            return (try Fixture.json("sts_reference.json")["cox"]?["lp"]?.doubles ?? [], s)
        default:
            throw RadVaultError.invalidInput("unknown C-index case '\(name)'")
        }
    }

    @Test func everyReferenceCaseIsTested() {
        #expect(Self.reference["auc"]?.arrayValue?.count == 2)
        #expect(Self.reference["cindex"]?.arrayValue?.count == 2)
    }

    @Test(arguments: reference["auc"]?.arrayValue ?? [])
    func delongIntervalMatchesPROC(row: JSONValue) throws {
        let name = row["name"]?.stringValue ?? ""
        let (scores, y) = try Self.binaryCase(name)
        let ci = ROC.delong(scores: scores, y: y)
        // pROC's AUC is a trapezoid sum (a few ulp off); RadVault's is the exact rational.
        #expect(abs(ci.auc - (row["auc"]?.number ?? .nan)) < 1e-14, "\(name)")
        let err = maxRelativeError(
            [ci.lower, ci.upper], [(row["lower"]?.number ?? .nan), (row["upper"]?.number ?? .nan)])
        print("DeLong CI \(name): max relative error vs pROC \(err)")
        #expect(err < 1e-10, "\(name)")
    }

    @Test(arguments: reference["cindex"]?.arrayValue ?? [])
    func concordanceIntervalMatchesSurvival(row: JSONValue) throws {
        let name = row["name"]?.stringValue ?? ""
        let (risk, survival) = try Self.survivalCase(name)
        let ci = Concordance.harrell(risk: risk, survival: survival)
        #expect(abs(ci.c - (row["c"]?.number ?? .nan)) < 1e-14, "\(name)")
        let err = maxRelativeError(
            [ci.lower, ci.upper], [(row["lower"]?.number ?? .nan), (row["upper"]?.number ?? .nan)])
        print("C-index CI \(name): max relative error vs R survival \(err)")
        #expect(err < 1e-10, "\(name)")
    }
}
