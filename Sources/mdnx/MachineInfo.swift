import Foundation

/// What `mdnx bench` knows about the machine it runs on, read from /proc (Linux) where it
/// can be: the CPU model, its clock, the vector extensions and the load.
struct MachineInfo: Codable, Sendable, Equatable {
    /// The CPU's model name ("AMD EPYC"), or "unknown".
    var cpu: String
    /// Logical cores the process may use.
    var cores: Int
    /// The clock /proc/cpuinfo reports (MHz); in a virtual machine often the nominal one.
    var megahertz: Double?
    /// Whether the CPU has AVX2 and FMA (what the GEMM kernel is compiled for).
    var fma: Bool
    /// Whether the CPU has AVX-512 (the kernel does not use it; see `fmaBound`).
    var avx512: Bool
    /// The 1-minute load average when the benchmark started (other processes compete).
    var loadAverage: Double?

    /// Peak single-precision FLOP/s of one core as the kernel is compiled (AVX2: 8 lanes)
    /// at the reported clock, assuming two FMA units (2 FLOP per lane each per cycle); nil
    /// without a clock or FMA. It is a nominal figure: a core that boosts above the reported
    /// clock beats it, and the GEMM peak measured in the same run is the roofline's reference.
    var fmaBound: Double? {
        guard let megahertz, fma else { return nil }
        return megahertz * 1e6 * 8 * 2 * 2
    }

    /// Reads /proc/cpuinfo and /proc/loadavg (fields that cannot be read stay unknown).
    static func current() -> MachineInfo {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return parse(cpuinfo: info, loadavg: load, cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The fields of the first processor in a /proc/cpuinfo text, and the first number of a
    /// /proc/loadavg text.
    static func parse(cpuinfo: String, loadavg: String, cores: Int) -> MachineInfo {
        var fields: [String: String] = [:]
        for line in cpuinfo.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty && !fields.isEmpty { break }  // first processor only
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let flags = Set((fields["flags"] ?? "").split(separator: " ").map(String.init))
        return MachineInfo(
            cpu: fields["model name"] ?? "unknown", cores: cores,
            megahertz: fields["cpu MHz"].flatMap(Double.init),
            fma: flags.contains("fma") && flags.contains("avx2"), avx512: flags.contains("avx512f"),
            loadAverage: loadavg.split(separator: " ").first.flatMap { Double($0) })
    }
}
