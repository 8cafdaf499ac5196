import vue from '@vitejs/plugin-vue';
// <next-tier> is a custom element, not a Vue component.
export default { plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'next-tier' } } })], logLevel: 'warn', build: { target: 'es2022' } };
