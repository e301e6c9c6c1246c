/// What a cell shows, by meaning; a theme turns each role into colours and attributes.
///
/// TermPlot draws with roles, never with colours, so the same Figure renders in any theme,
/// at any colour depth, and in monochrome. Series also differ by glyph or density, so a
/// role's colour never carries meaning alone.
public enum StyleRole: Hashable, Sendable {
    /// Ordinary text (titles, tick labels, legend text).
    case text
    /// Secondary text (hints, units, the idle parts of the status bar).
    case dimText
    /// Axis lines and tick marks.
    case axis
    /// Panel titles.
    case title
    /// Ground-truth data points.
    case truth
    /// The data drawn faintly behind a model's prediction for context: the ground truth's
    /// colour pulled toward the background, dim, and lighter than `truth` in every export.
    case backdrop
    /// The MSE network's mean curve.
    case mseCurve
    /// Samples drawn from the MDN.
    case mdnSamples
    /// A reference line (e.g. the best achievable NLL).
    case reference
    /// Density shading, `level` in 0..<Palette.densityLevels (0 = faintest).
    case density(level: UInt8)
    /// Mixture component `index` (cycled through the theme's component colours), with a
    /// brightness `level` in 0..<Palette.densityLevels following its mixing weight.
    case component(index: UInt8, level: UInt8)
    /// Loss curves: the model and whether it is the training or validation loss.
    case loss(model: LossModel, split: LossSplit)
    /// The status bar.
    case statusBar
    /// Help overlay text.
    case help
    /// Warnings and errors.
    case warning
    /// Highlighted/selected text (keys in the hint bar, the active view).
    case accent
    /// Empty background.
    case background
}

/// Which model a loss curve belongs to.
public enum LossModel: UInt8, Hashable, Sendable, CaseIterable { case mse, mdn }
/// Training or validation loss.
public enum LossSplit: UInt8, Hashable, Sendable, CaseIterable { case train, validation }
