import Foundation
import Testing

@testable import MDNCore
@testable import mdnx

/// The commands' JSON records: the key names users' scripts read, numbers JSON cannot hold
/// written as null, and fields that do not apply left out.
@Suite struct JSONRecordTests {
    static func encoded(_ record: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    @Test func numbersJSONCannotHoldAreNull() throws {
        #expect(
            try Self.encoded([JSONNumber(.nan), JSONNumber(.infinity), JSONNumber(-.infinity)]) == "[null,null,null]")
        #expect(try Self.encoded([JSONNumber(0.25), JSONNumber(-3)]) == "[0.25,-3]")
    }

    @Test func epochRecord() throws {
        let report = EpochReport(epoch: 3, loss: 0.5, valLoss: nil, learningRate: 0.003, milliseconds: 12.5)
        // The learning rate is the float's shortest decimal, not its Double expansion (0.0030000000260770321).
        #expect(
            try Self.encoded(TrainEpochRecord(kind: .mdn, report))
                == #"{"epoch":3,"event":"epoch","learning_rate":0.003,"loss":0.5,"model":"mdn","ms":12.5}"#)
        var withValidation = report
        withValidation.valLoss = 0.75
        #expect(try Self.encoded(TrainEpochRecord(kind: .mse, withValidation)).contains(#""val_loss":0.75"#))
    }

    @Test func summaryRecordKeys() throws {
        var record = TrainSummaryRecord(
            model: "mdn", preset: "default", epochs: 7, stopReason: "max_epochs", wallMs: 100, seed: 42,
            parameters: 24508, normalized: true, trainingRows: 90, validationRows: 10)
        #expect(
            try Self.encoded(record)
                == #"{"epochs":7,"event":"summary","model":"mdn","normalized":true,"parameters":24508,"preset":"default","#
                + #""seed":42,"stop_reason":"max_epochs","training_rows":90,"validation_rows":10,"wall_ms":100}"#)
        record.nllOffset = 0.5
        record.csvRows = 100
        record.csvRowsDropped = 0
        record.csvRowsPerSecond = JSONNumber(.infinity)
        record.mixtures = 20
        record.mixturesAuto = false
        record.restoredEpoch = 6
        record.finalLoss = 1
        record.finalValLoss = 2
        record.holdoutNLL = JSONNumber(.nan)
        record.holdoutRows = 5
        record.saved = "dir/m.safetensors"
        let object = try jsonObject(try Self.encoded(record))
        #expect(
            Set(object.keys) == [
                "event", "model", "preset", "epochs", "stop_reason", "wall_ms", "seed", "parameters", "normalized",
                "training_rows", "validation_rows", "nll_offset", "csv_rows", "csv_rows_dropped",
                "csv_rows_per_second", "mixtures", "mixtures_auto", "restored_epoch", "final_loss",
                "final_val_loss", "holdout_nll", "holdout_rows", "saved",
            ])
        #expect(object["csv_rows_per_second"] is NSNull && object["holdout_nll"] is NSNull)
        #expect(object["saved"] as? String == "dir/m.safetensors")
    }

    @Test func evalRecord() throws {
        var record = EvalRecord(
            model: "m.safetensors", data: "d.csv", kind: "mse", rows: 3, targetColumns: 1, rowsDropped: 1,
            mse: JSONNumber(.nan), readSeconds: 0.5)
        #expect(
            try Self.encoded(record)
                == #"{"data":"d.csv","kind":"mse","model":"m.safetensors","mse":null,"read_seconds":0.5,"rows":3,"#
                + #""rows_dropped":1,"target_columns":1}"#)
        // With a predictive distribution: the scores' keys, non-finite ones as null.
        record.nll = JSONNumber(.infinity)
        record.crps = JSONNumber(0.25)
        record.coverage50 = 0.5
        record.coverage90 = 1
        record.width50 = JSONNumber(1.5)
        record.width90 = JSONNumber(3)
        record.pit = [0.5, 0.5]
        record.pitKS = JSONNumber(0.125)
        record.pitKSCritical95 = 0.75
        record.sigma = [2]
        record.mixtures = 4
        let object = try jsonObject(try Self.encoded(record))
        #expect(
            Set(object.keys) == [
                "model", "data", "kind", "mixtures", "rows", "target_columns", "rows_dropped", "read_seconds", "mse",
                "nll", "crps", "coverage50", "coverage90", "width50", "width90", "pit", "pit_ks", "pit_ks_critical95",
                "sigma",
            ])
        #expect(object["nll"] is NSNull && object["crps"] as? Double == 0.25 && object["pit_ks"] as? Double == 0.125)
        #expect(object["pit"] as? [Double] == [0.5, 0.5] && object["sigma"] as? [Double] == [2])
    }

    /// Screening 1 diverged (+inf mean NLL); the rule picks K = 2 (best 3, within one standard error).
    static let choice = MixtureSearch.Choice(
        chosen: 2, best: 3,
        rungs: [
            MixtureSearch.Rung(mixtures: 1, validationNLL: .infinity, standardError: .infinity, epochs: 4, seconds: 1),
            MixtureSearch.Rung(mixtures: 2, validationNLL: 0.5, standardError: 0.25, epochs: 5, seconds: 1.5),
            MixtureSearch.Rung(mixtures: 3, validationNLL: 0.375, standardError: 0, epochs: 5, seconds: 2),
        ])

    @Test func mixturesRecords() throws {
        let screened = MixtureSearch.Screening(mixtures: 1, validationNLL: [.nan, 1], epochs: 4, seconds: 1)
        #expect(
            try Self.encoded(TrainScreeningRecord(screened))
                == #"{"epochs":4,"event":"mixtures_screened","mixtures":1,"seconds":1,"val_nll":null}"#)
        #expect(
            try Self.encoded(TrainMixturesRecord(Self.choice, seconds: 4.5, fraction: 0.125))
                == #"{"best":3,"chosen":2,"event":"mixtures","ladder":["#
                + #"{"epochs":4,"mixtures":1,"seconds":1,"standard_error":null,"val_nll":null},"#
                + #"{"epochs":5,"mixtures":2,"seconds":1.5,"standard_error":0.25,"val_nll":0.5},"#
                + #"{"epochs":5,"mixtures":3,"seconds":2,"standard_error":0,"val_nll":0.375}],"#
                + #""rule":"smallest K within one standard error of the best","screening_fraction":0.125,"seconds":4.5}"#
        )
        // The checkpoint's metadata: the same rungs.
        let metadata = TrainCommand.metadata(Self.choice)
        #expect(metadata["mixtures_auto"] == "true" && metadata["mixtures_best"] == "3")
        let ladder = try #require(metadata["mixtures_ladder"])
        #expect(ladder.hasPrefix(#"[{"epochs":4,"mixtures":1,"seconds":1,"standard_error":null,"val_nll":null},"#))
    }
}
