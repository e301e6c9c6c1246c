/// Chooses how many ticks fit an axis so labels never collide: starts from a density that
/// suits the length and lowers the tick count until every label has room.
enum TickFitter {
    /// The cell (column or row from the start of the axis) of a fraction along `cells` cells.
    @inline(__always) static func cell(_ f: Double, cells: Int) -> Int {
        min(cells - 1, max(0, Int((f * Double(cells)).rounded(.down))))
    }

    /// Horizontal ticks for an axis `cells` wide, labels centred on their tick with at least
    /// `gap` blank cells between them; labels may extend `overhang` cells left of the axis.
    static func horizontal(_ map: AxisMap, cells: Int, gap: Int = 2, overhang: Int = 0) -> [Tick] {
        guard cells > 0 else { return [] }
        var count = min(10, max(3, cells / 6 + 1))
        while count >= 1 {
            let ticks = visible(map.ticks(maxCount: count), map)
            if fits(ticks, map, cells: cells, gap: gap, overhang: overhang) { return ticks }
            count -= 1
        }
        return []
    }

    /// Label start columns (relative to the axis start) for centred labels, clamped to
    /// [-overhang, cells - length].
    static func labelStarts(_ ticks: [Tick], _ map: AxisMap, cells: Int, overhang: Int) -> [Int] {
        ticks.map { t in
            let len = t.label.unicodeScalars.count
            let c = cell(map.fraction(tick: t.value), cells: cells)
            return min(max(c - (len - 1) / 2, -overhang), max(-overhang, cells - len))
        }
    }

    static func fits(_ ticks: [Tick], _ map: AxisMap, cells: Int, gap: Int, overhang: Int) -> Bool {
        let starts = labelStarts(ticks, map, cells: cells, overhang: overhang)
        var prevEnd = Int.min / 2
        for (t, s) in zip(ticks, starts) {
            let len = t.label.unicodeScalars.count
            if s < prevEnd + gap || s < -overhang { return false }
            prevEnd = s + len
        }
        if let last = ticks.last, let s = starts.last, s + last.label.unicodeScalars.count > cells { return false }
        return true
    }

    /// Vertical ticks for an axis `cells` tall: at most one label every `spacing` rows.
    static func vertical(_ map: AxisMap, cells: Int, spacing: Int = 2) -> [Tick] {
        guard cells > 0 else { return [] }
        var count = min(8, max(2, cells / 2 + 1))
        while count >= 1 {
            let ticks = visible(map.ticks(maxCount: count), map)
            let rows = ticks.map { cell(map.fraction(tick: $0.value), cells: cells) }
            if zip(rows, rows.dropFirst()).allSatisfy({ $1 - $0 >= spacing }) { return ticks }
            count -= 1
        }
        return []
    }

    /// Ticks inside the axis (guards against rounding outside it).
    static func visible(_ ticks: [Tick], _ map: AxisMap) -> [Tick] {
        ticks.filter {
            let f = map.fraction(tick: $0.value)
            return f >= -1e-6 && f <= 1 + 1e-6
        }
    }
}
