import Testing
@testable import Themes
