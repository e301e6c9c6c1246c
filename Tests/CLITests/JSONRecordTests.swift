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
                "csv_rows_per_second", "mixtures", "restored_epoch", "final_loss", "final_val_loss", "holdout_nll",
                "holdout_rows", "saved",
            ])
        #expect(object["csv_rows_per_second"] is NSNull && object["holdout_nll"] is NSNull)
        #expect(object["saved"] as? String == "dir/m.safetensors")
    }

    @Test func evalRecord() throws {
        let record = EvalRecord(
            model: "m.safetensors", data: "d.csv", kind: "mse", rows: 3, rowsDropped: 1, mse: JSONNumber(.nan),
            nll: nil, readSeconds: 0.5)
        #expect(
            try Self.encoded(record)
                == #"{"data":"d.csv","kind":"mse","model":"m.safetensors","mse":null,"read_seconds":0.5,"rows":3,"#
                + #""rows_dropped":1}"#)
    }
}
