'use strict';

// The Box files and folders the sandbox knows: a sign request may name only these, as on Box,
// where any other ID is a 404. Seeded with the IDs the tests, the demo and Box's guides use;
// tests add more with `sandbox.seedFiles()` / `sandbox.seedFolder()`.

const { notFound } = require('./errors');

const ROOT_FOLDER = { id: '0', name: 'All Files' };
const CONTRACTS_FOLDER = { id: '234102987614', name: 'Contracts' };
const MY_SIGN_REQUESTS_FOLDER = { id: '157064745449', name: 'My Sign Requests' };

const SEED_FOLDERS = [ROOT_FOLDER, CONTRACTS_FOLDER, MY_SIGN_REQUESTS_FOLDER];

// 1358047520478 is the file of Box's Sign guides; the 13813011548xx are the seeded templates'
// documents; the short IDs are the node tests' and the demo's.
const SEED_FILES = [
	{ id: '1358047520478' },
	{ id: '1381301154812', name: 'Employment Contract.pdf' },
	{ id: '1381301154813', name: 'Mutual NDA.pdf' },
	{ id: '1381301154814', name: 'Sales Order.pdf' },
	...['1', '7', '11', '12', '13', '21', '22', '101', '102', '103'].map((id) => ({ id })),
].map((file) => ({ folderId: CONTRACTS_FOLDER.id, ...file }));

/** A fresh tree: `{ files, folders }`, Maps by ID of `{ id, name, folderId? }`. */
function seedFileTree() {
	const tree = { files: new Map(), folders: new Map() };
	SEED_FOLDERS.forEach((folder) => addFolder(tree, folder));
	addFiles(tree, SEED_FILES);
	return tree;
}

/** Adds files `{ id, name?, folderId? }`; a file without a name is called `Document <id>.pdf`. */
function addFiles(tree, files) {
	return files.map(({ id, name = `Document ${id}.pdf`, folderId = CONTRACTS_FOLDER.id }) => {
		if (!tree.folders.has(folderId)) throw new Error(`Box sandbox: no folder '${folderId}'`);
		const file = { id: String(id), name, folderId };
		tree.files.set(file.id, file);
		return file;
	});
}

/** Adds a folder `{ id, name }`. */
function addFolder(tree, { id, name }) {
	const folder = { id: String(id), name };
	tree.folders.set(folder.id, folder);
	return folder;
}

/**
 * Box's 404 for the first file or folder of a create body that does not exist. Box names a
 * missing item `item`, with the `f_` (file) or `d_` (folder) prefix of its typed IDs.
 */
function missingItem(tree, body) {
	const file = (body.source_files ?? []).find(({ id }) => !tree.files.has(id));
	if (file) return notFound('item', `f_${file.id}`);
	const folderId = body.parent_folder?.id;
	if (folderId !== undefined && !tree.folders.has(folderId))
		return notFound('item', `d_${folderId}`);
	return undefined;
}

module.exports = {
	seedFileTree,
	addFiles,
	addFolder,
	missingItem,
	CONTRACTS_FOLDER,
	MY_SIGN_REQUESTS_FOLDER,
};
