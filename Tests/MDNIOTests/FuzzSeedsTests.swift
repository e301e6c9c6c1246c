import Foundation
import Testing

@testable import MDNIO

/// The fuzz targets' seed inputs (Tests/Fuzz/Corpus, written by make_seeds.py there) stay
/// valid, so fuzzing starts from files that load and reaches the code behind the parsers.
@Suite struct FuzzSeedsTests {
    /// Tests/Fuzz/Corpus in this checkout.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    static func files(_ folder: String) throws -> [String] {
        let dir = corpus.appendingPathComponent(folder).path
        return try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { dir + "/" + $0 }
    }

    @Test func checkpointSeedsLoadAsModels() throws {
        let files = try Self.files("safetensors")
        #expect(files.count == 3)
        for path in files {
            let predictor = try Predictor(path: path)
            let dx = predictor.checkpoint.inputDimension
            #expect(predictor.predictions(x: [Float](repeating: 0.5, count: dx)).allSatisfy { $0.isFinite })
        }
    }

    @Test func csvSeedsLoad() throws {
        let files = try Self.files("csv")
        #expect(files.count == 4)
        for path in files {
            let table = try CSVLoader.readColumns(
                path: path, columns: [.name("x"), .name("y")], dropMissing: true, minimumRows: 1)
            #expect(table.count >= 1, "\(path)")
        }
    }
}
