import ArgumentParser
import TermPlot

/// `mdnx explore --export-format txt,svg`: the formats the e key exports, in order, read
/// from a comma-separated list.
struct ExportFormatList: ExpressibleByArgument, Equatable {
    /// The format names, as a help text lists them: "txt, ansi, svg, png".
    static let names = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")

    /// The formats, at least one.
    let formats: [ExportFormat]

    /// A list of `formats` (at least one).
    init(_ formats: [ExportFormat]) {
        precondition(!formats.isEmpty, "an export needs at least one format")
        self.formats = formats
    }

    /// The formats `text` names, separated by commas; throws for an unknown name or none.
    init(parsing text: String) throws(ArgumentValueError) {
        var formats: [ExportFormat] = []
        for name in text.split(separator: ",") {
            guard let format = ExportFormat(rawValue: String(name)) else { throw .unknownExportFormat(String(name)) }
            formats.append(format)
        }
        guard !formats.isEmpty else { throw .noExportFormat }
        self.init(formats)
    }

    /// The formats `argument` names, or nil (see `init(parsing:)`).
    init?(argument: String) {
        guard let list = try? ExportFormatList(parsing: argument) else { return nil }
        self = list
    }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
}
