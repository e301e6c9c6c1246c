import Foundation
import Testing

/// `mdnx bench` selects benchmarks by name and prints JSON for scripts.
@Suite struct BenchCommandTests {
    @Test func repeatedOnlySelectsEachNamedBenchmark() throws {
        let r = try MDNXProcess.run(["bench", "--only", "gemm_nt", "--only", "sample_10k", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["name"] as? String } == ["gemm_nt", "sample_10k"])
    }
}
