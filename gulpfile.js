const { src, dest } = require('gulp');

// tsc emits only JavaScript; n8n loads the node and credential icons from dist/ too.
function buildIcons() {
	return src(['icons/*.svg', 'nodes/**/*.json'], { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
