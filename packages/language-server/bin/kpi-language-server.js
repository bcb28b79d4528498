#!/usr/bin/env node
// Committed launcher so that npm can link the `kpi-language-server` bin before the first build.
import "../dist/bundle/bin.js";
