/// The interactive explorer (see design.md: state, events, update, view, session, adapter).
public enum ExplorerModule {}
