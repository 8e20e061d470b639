package org.ebm4j.api.data;

import org.ebm4j.api.component.ComponentProvider;
import org.pf4j.ExtensionPoint;

/** Creates data sources by name ({@code data.type} in an experiment). */
public interface DataSourceProvider extends ComponentProvider<DataSource>, ExtensionPoint {}
