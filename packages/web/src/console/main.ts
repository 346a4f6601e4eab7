import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import { createApp } from 'vue';
import '../shared/base.css';
import App from './App.vue';

createApp(App).use(ElementPlus).mount('#app');
