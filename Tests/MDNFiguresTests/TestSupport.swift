import Foundation
import MDNFigures
import TermPlot

/// The project's themes/ directory, found from this file's path.
let projectThemesDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/MDNFiguresTests/File.swift -> package root
    return url.appendingPathComponent("themes").path
}()

extension StyleRole {
    /// The TermPlot role of a figure role (`.figure(.truth)`), for short tests.
    static func figure(_ role: FigureRole) -> StyleRole { role.styleRole }
}
